#pragma once
#include <QString>

#include <functional>

namespace dqui {
class Pipeline;
}

namespace dqtest {

// Calls start() and waits (events running) until the pipeline finishes, fails or is
// cancelled; returns what went wrong ("failed: <message>", "cancelled", "timed out") or
// an empty string.
QString runAndWait(dqui::Pipeline* pipeline, const std::function<void()>& start, int timeoutMs = 120000);

} // namespace dqtest
