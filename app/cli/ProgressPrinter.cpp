#include "ProgressPrinter.h"

#include <cmath>
#include <cstdio>
#include <ostream>

namespace dqcli {

std::string formatDuration(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return "?";
    const long s = std::lround(seconds);
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%ldh%02ldm", s / 3600, (s / 60) % 60);
    else if (s >= 60)
        std::snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%lds", s);
    return buf;
}

namespace {

std::string formatRate(double rate)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", rate);
    return buf;
}

} // namespace

ProgressPrinter::ProgressPrinter(std::ostream& stream, bool terminal) : stream_(stream), tty_(terminal) { }

ProgressPrinter::~ProgressPrinter() { finish(); }

void ProgressPrinter::finish()
{
    if (lineOpen_) {
        stream_ << '\n';
        lineOpen_ = false;
    }
    stream_.flush();
}

void ProgressPrinter::onEvent(const dq::ProgressEvent& e)
{
    const auto now = std::chrono::steady_clock::now();
    const bool newStage = e.stage != stage_;
    if (newStage) {
        finish();
        stage_ = e.stage;
        stageStart_ = now;
        lastPlainLine_ = now - std::chrono::hours(1);
    }
    const double elapsed = std::chrono::duration<double>(now - stageStart_).count();
    const double rate = elapsed > 0 ? static_cast<double>(e.done) / elapsed : 0.0;
    const double eta = (e.total > 0 && rate > 0) ? static_cast<double>(e.total - e.done) / rate : NAN;

    if (tty_) {
        char line[256];
        if (e.total > 0) {
            const double frac = std::min(1.0, static_cast<double>(e.done) / static_cast<double>(e.total));
            const int width = 28;
            const int filled = static_cast<int>(frac * width);
            std::string bar(static_cast<std::size_t>(filled), '#');
            bar.resize(width, '.');
            std::snprintf(line, sizeof line, "\r%-16.16s [%s] %3.0f%% %lld/%lld %.1f/s ETA %s %-.40s\x1b[K", e.stage.c_str(),
                          bar.c_str(), 100 * frac, static_cast<long long>(e.done), static_cast<long long>(e.total), rate,
                          formatDuration(eta).c_str(), e.detail.c_str());
        } else {
            std::snprintf(line, sizeof line, "\r%-32.32s %lld done, %s\x1b[K", e.stage.c_str(),
                          static_cast<long long>(e.done), formatDuration(elapsed).c_str());
        }
        stream_ << line;
        lineOpen_ = true;
        stream_.flush();
        return;
    }
    const bool finished = e.total > 0 && e.done >= e.total;
    if (!newStage && !finished && std::chrono::duration<double>(now - lastPlainLine_).count() < 5.0)
        return;
    lastPlainLine_ = now;
    if (e.total > 0)
        stream_ << e.stage << ": " << e.done << "/" << e.total << " (" << formatRate(rate) << "/s, ETA "
                << formatDuration(eta) << ")" << (e.detail.empty() ? "" : " ") << e.detail << "\n";
    else
        stream_ << e.stage << "\n";
    stream_.flush();
}

} // namespace dqcli
