#pragma once
#include "common/Note.h"

#include <functional>
#include <string>
#include <vector>

namespace dq {

class Progress;
class CancelToken;

// What every stage is run with: where progress goes, the cancel flag it polls, and the
// one way its notes reach the user (dq prints them, DQ Studio shows them).
class JobContext {
public:
    using NoteSink = std::function<void(const Note&)>;

    JobContext(Progress& progress, const CancelToken& cancel, NoteSink sink = {})
            : progress_(progress), cancel_(cancel), sink_(std::move(sink))
    { }

    Progress& progress() const { return progress_; }
    const CancelToken& cancel() const { return cancel_; }
    // Hands the note to the sink (none: kept only in notes()).
    void note(const std::string& code, const std::string& where, const std::string& text);
    // Every note given so far, in order.
    const std::vector<Note>& notes() const { return notes_; }

private:
    Progress& progress_;
    const CancelToken& cancel_;
    NoteSink sink_;
    std::vector<Note> notes_;
};

} // namespace dq
