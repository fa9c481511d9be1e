#pragma once
#include "io/internal/PickleDict.h"
#include "io/internal/PickleObject.h"
#include "io/internal/PickleValue.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace dq {

// A small, strict unpickler. It never imports or runs anything: every global that a
// stream names (GLOBAL, STACK_GLOBAL) goes to the caller's resolver, which either returns
// a PickleGlobal describing what REDUCE / NEWOBJ on it build, or nullptr to refuse it.
// Refusals read "<file>: refused pickle global os.system (<refusalHint>)".
//
// Opcodes understood (protocols 2 to 5, binary forms only): PROTO FRAME STOP MARK
// EMPTY_DICT EMPTY_LIST EMPTY_TUPLE TUPLE TUPLE1 TUPLE2 TUPLE3 DICT LIST APPEND APPENDS
// SETITEM SETITEMS BININT BININT1 BININT2 LONG1 (up to 64 bits) BINFLOAT NONE NEWTRUE
// NEWFALSE SHORT_BINSTRING BINSTRING (Python 2 str, read as bytes, like Python 3's
// encoding='bytes') SHORT_BINBYTES BINBYTES BINBYTES8 BYTEARRAY8 BINUNICODE
// SHORT_BINUNICODE BINUNICODE8 GLOBAL STACK_GLOBAL REDUCE BUILD NEWOBJ BINPUT LONG_BINPUT
// MEMOIZE BINGET LONG_BINGET BINPERSID. Anything else is refused with its byte and
// offset. Truncation, stack underflow and bad memo indexes are errors naming the file and
// the offset of the opcode. Bytes after STOP are ignored, as Python's pickle.loads does.
// Self-referencing containers (r = []; r.append(r)) are refused: shared ownership could
// not free them, and no data file needs them.
//
// Plugging in another format (e.g. a PyTorch checkpoint's data.pkl):
//  - resolver: accept collections.OrderedDict with a PickleGlobal whose `call` returns a
//    PickleValue::object of a PickleObject subclass that overrides setItem (SETITEMS) and
//    setState (BUILD of {'_metadata': ...}); accept torch._utils._rebuild_tensor_v2 with a
//    `call` that receives (storage, offset, size, stride, requires_grad, hooks) and
//    returns a tensor object; accept torch.FloatStorage, torch.HalfStorage, ... as globals
//    with no `call` (they only appear as arguments inside persistent ids).
//  - persistentLoad: BINPERSID hands the persistent id, e.g. the tuple ('storage',
//    <global torch.FloatStorage>, '0', 'cpu', 6), to this callback, which returns the
//    storage object (reading archive/data/0 itself). Without a callback, BINPERSID is
//    refused.
// Resolver and callbacks throw dq::Error(what); the machine adds the file and offset.
using PickleResolver =
    std::function<std::shared_ptr<const PickleGlobal>(const std::string& module, const std::string& name)>;
using PicklePersistentLoad = std::function<PickleValue(const PickleValue& pid)>;

struct PickleOptions {
    PickleResolver resolver; // empty: every global is refused
    PicklePersistentLoad persistentLoad; // empty: BINPERSID is refused
    std::string refusalHint = "no globals are allowed";
};

// Runs the machine over `bytes`; `source` (a path) names the stream in error messages.
PickleValue loadPickle(std::string_view bytes, const std::string& source, const PickleOptions& options = {});
PickleValue readPickleFile(const std::filesystem::path& path, const PickleOptions& options = {});

} // namespace dq
