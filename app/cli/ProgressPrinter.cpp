#include "ProgressPrinter.h"

#include <cmath>
#include <unistd.h>

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

ProgressPrinter::ProgressPrinter(std::FILE* stream) : stream_(stream), tty_(::isatty(::fileno(stream)) == 1) { }

ProgressPrinter::~ProgressPrinter() { finish(); }

void ProgressPrinter::finish()
{
    if (lineOpen_) {
        std::fputc('\n', stream_);
        lineOpen_ = false;
    }
    std::fflush(stream_);
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
        std::fputs(line, stream_);
        lineOpen_ = true;
        std::fflush(stream_);
        return;
    }
    const bool finished = e.total > 0 && e.done >= e.total;
    if (!newStage && !finished && std::chrono::duration<double>(now - lastPlainLine_).count() < 5.0)
        return;
    lastPlainLine_ = now;
    if (e.total > 0)
        std::fprintf(stream_, "%s: %lld/%lld (%.1f/s, ETA %s)%s%s\n", e.stage.c_str(), static_cast<long long>(e.done),
                     static_cast<long long>(e.total), rate, formatDuration(eta).c_str(), e.detail.empty() ? "" : " ",
                     e.detail.c_str());
    else
        std::fprintf(stream_, "%s\n", e.stage.c_str());
    std::fflush(stream_);
}

} // namespace dqcli
