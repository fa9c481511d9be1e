#pragma once
#include "common/Progress.h"

#include <chrono>
#include <cstdio>
#include <string>

namespace dqcli {

// Progress on stderr: a redrawn bar with rate and ETA on a terminal, one plain line per
// stage change (and every few seconds) otherwise, so that logs stay readable.
class ProgressPrinter {
public:
    explicit ProgressPrinter(std::FILE* stream = stderr);
    ~ProgressPrinter();
    void onEvent(const dq::ProgressEvent& event);
    void finish();

private:
    std::FILE* stream_;
    bool tty_;
    std::string stage_;
    std::chrono::steady_clock::time_point stageStart_;
    std::chrono::steady_clock::time_point lastPlainLine_;
    bool lineOpen_ = false;
};

std::string formatDuration(double seconds);

} // namespace dqcli
