#include "Command.h"

#include "common/JobContext.h"

#include <ostream>

namespace dqcli {
namespace {

void printNote(std::ostream& err, const dq::Note& n) { err << "dq: note: [" << n.code << "] " << n.text << std::endl; }

} // namespace

void RunContext::note(const dq::Note& n) const { printNote(err, n); }

std::function<void(const dq::Note&)> RunContext::noteSink() const
{
    std::ostream* stream = &err;
    return [stream](const dq::Note& n) { printNote(*stream, n); };
}

} // namespace dqcli
