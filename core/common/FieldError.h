#pragma once
#include "common/Error.h"

#include <string>

namespace dq {

// A bad parameter value, with the parameter's stable id ("ratio", "bins", "features"):
// dq maps the id to its option (--ratio), DQ Studio to its translated form label, so
// core's text names no front end's spelling. what() is "<field>: <detail>" for logs.
class FieldError : public UsageError {
public:
    FieldError(std::string field, const std::string& detail)
            : UsageError(field + ": " + detail), field_(std::move(field)), detail_(detail)
    { }

    const std::string& field() const { return field_; }
    // The message without the field, to follow the front end's name for it.
    const std::string& detail() const { return detail_; }

private:
    std::string field_;
    std::string detail_;
};

} // namespace dq
