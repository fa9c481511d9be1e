#pragma once
#include <functional>
#include <string>
#include <vector>

namespace dq {

class PickleValue;

// A global (GLOBAL / STACK_GLOBAL) that a resolver accepted. REDUCE calls `call` with the
// argument tuple's items; NEWOBJ calls `construct` (cls.__new__(cls, *args)). Either may be
// empty, and then that opcode is refused on this global (a class that is only ever passed
// as an argument, like numpy.ndarray to _reconstruct, needs neither).
// The functions throw dq::Error(what) for bad arguments; the machine adds file and offset.
struct PickleGlobal {
    std::string module;
    std::string name;
    std::function<PickleValue(const std::vector<PickleValue>& args)> call;
    std::function<PickleValue(const std::vector<PickleValue>& args)> construct;

    std::string qualifiedName() const { return module + "." + name; }
};

// An object built by an accepted global (a numpy array, an OrderedDict, a tensor...).
// Subclasses override the hooks that the pickles they read need; the defaults refuse.
// The hooks throw dq::Error(what); the machine adds file and offset.
class PickleObject {
public:
    virtual ~PickleObject() = default;
    // Python's qualified type name, e.g. "numpy.ndarray".
    virtual std::string typeName() const = 0;
    // BUILD: obj.__setstate__(state), or obj.__dict__.update(state).
    virtual void setState(const PickleValue& state);
    // SETITEM(S) onto the object: obj[key] = value (e.g. collections.OrderedDict).
    virtual void setItem(const PickleValue& key, const PickleValue& value);
    // APPEND(S) onto the object: obj.append(item).
    virtual void append(const PickleValue& item);
    // What PickleValue::repr() prints for it.
    virtual std::string repr() const { return "<" + typeName() + " object>"; }
};

} // namespace dq
