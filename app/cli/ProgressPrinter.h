#pragma once
#include "common/Progress.h"

#include <chrono>
#include <iosfwd>
#include <string>

namespace dqcli {

// Progress on dq's stderr: a redrawn bar with rate and ETA on a terminal, one plain line
// per stage change (and every few seconds) otherwise, so that logs stay readable.
class ProgressPrinter {
public:
    ProgressPrinter(std::ostream& stream, bool terminal);
    ~ProgressPrinter();
    void onEvent(const dq::ProgressEvent& event);
    void finish();

private:
    std::ostream& stream_;
    bool tty_;
    std::string stage_;
    std::chrono::steady_clock::time_point stageStart_;
    std::chrono::steady_clock::time_point lastPlainLine_;
    bool lineOpen_ = false;
};

std::string formatDuration(double seconds);

} // namespace dqcli
