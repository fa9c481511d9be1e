#pragma once
#include <stdexcept>
#include <string>

namespace dq {

// The one error type of core. Its message is meant for the user: it names the file or
// field that is wrong and says what is wrong, e.g.
//   "/data/train-images-idx3-ubyte.gz: truncated: expected 47040016 bytes, found 1000".
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) { }
    // "<where>: <what>"; where is a path, a field name or an option.
    Error(const std::string& where, const std::string& what) : std::runtime_error(where.empty() ? what : where + ": " + what)
    { }
};

// A usage error: a bad option or parameter value. The CLI exits with status 2 for these.
class UsageError : public Error {
public:
    using Error::Error;
};

// Thrown when a CancelToken was triggered; not a failure, the job just stopped.
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("cancelled") { }
};

} // namespace dq
