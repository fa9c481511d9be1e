#include "common/JobContext.h"

namespace dq {

void JobContext::note(const std::string& code, const std::string& where, const std::string& text)
{
    notes_.push_back({code, where, text});
    if (sink_)
        sink_(notes_.back());
}

} // namespace dq
