#include "io/internal/Pickle.h"

#include "common/AtomicFile.h"
#include "common/Error.h"

#include <cstdio>
#include <cstring>
#include <unordered_map>
#include <vector>

namespace dq {

namespace {

enum Op : unsigned char {
    PROTO = 0x80,
    FRAME = 0x95,
    STOP = '.',
    MARK = '(',
    EMPTY_DICT = '}',
    EMPTY_LIST = ']',
    EMPTY_TUPLE = ')',
    TUPLE = 't',
    TUPLE1 = 0x85,
    TUPLE2 = 0x86,
    TUPLE3 = 0x87,
    DICT = 'd',
    LIST = 'l',
    APPEND = 'a',
    APPENDS = 'e',
    SETITEM = 's',
    SETITEMS = 'u',
    BININT = 'J',
    BININT1 = 'K',
    BININT2 = 'M',
    LONG1 = 0x8a,
    BINFLOAT = 'G',
    NONE = 'N',
    NEWTRUE = 0x88,
    NEWFALSE = 0x89,
    SHORT_BINSTRING = 'U',
    BINSTRING = 'T',
    SHORT_BINBYTES = 'C',
    BINBYTES = 'B',
    BINBYTES8 = 0x8e,
    BYTEARRAY8 = 0x96,
    BINUNICODE = 'X',
    SHORT_BINUNICODE = 0x8c,
    BINUNICODE8 = 0x8d,
    GLOBAL = 'c',
    STACK_GLOBAL = 0x93,
    REDUCE = 'R',
    BUILD = 'b',
    NEWOBJ = 0x81,
    BINPUT = 'q',
    LONG_BINPUT = 'r',
    MEMOIZE = 0x94,
    BINGET = 'h',
    LONG_BINGET = 'j',
    BINPERSID = 'Q',
};

const char* opName(unsigned char op)
{
    switch (op) {
    case PROTO:
        return "PROTO";
    case FRAME:
        return "FRAME";
    case STOP:
        return "STOP";
    case MARK:
        return "MARK";
    case EMPTY_DICT:
        return "EMPTY_DICT";
    case EMPTY_LIST:
        return "EMPTY_LIST";
    case EMPTY_TUPLE:
        return "EMPTY_TUPLE";
    case TUPLE:
        return "TUPLE";
    case TUPLE1:
        return "TUPLE1";
    case TUPLE2:
        return "TUPLE2";
    case TUPLE3:
        return "TUPLE3";
    case DICT:
        return "DICT";
    case LIST:
        return "LIST";
    case APPEND:
        return "APPEND";
    case APPENDS:
        return "APPENDS";
    case SETITEM:
        return "SETITEM";
    case SETITEMS:
        return "SETITEMS";
    case BININT:
        return "BININT";
    case BININT1:
        return "BININT1";
    case BININT2:
        return "BININT2";
    case LONG1:
        return "LONG1";
    case BINFLOAT:
        return "BINFLOAT";
    case NONE:
        return "NONE";
    case NEWTRUE:
        return "NEWTRUE";
    case NEWFALSE:
        return "NEWFALSE";
    case SHORT_BINSTRING:
        return "SHORT_BINSTRING";
    case BINSTRING:
        return "BINSTRING";
    case SHORT_BINBYTES:
        return "SHORT_BINBYTES";
    case BINBYTES:
        return "BINBYTES";
    case BINBYTES8:
        return "BINBYTES8";
    case BYTEARRAY8:
        return "BYTEARRAY8";
    case BINUNICODE:
        return "BINUNICODE";
    case SHORT_BINUNICODE:
        return "SHORT_BINUNICODE";
    case BINUNICODE8:
        return "BINUNICODE8";
    case GLOBAL:
        return "GLOBAL";
    case STACK_GLOBAL:
        return "STACK_GLOBAL";
    case REDUCE:
        return "REDUCE";
    case BUILD:
        return "BUILD";
    case NEWOBJ:
        return "NEWOBJ";
    case BINPUT:
        return "BINPUT";
    case LONG_BINPUT:
        return "LONG_BINPUT";
    case MEMOIZE:
        return "MEMOIZE";
    case BINGET:
        return "BINGET";
    case LONG_BINGET:
        return "LONG_BINGET";
    case BINPERSID:
        return "BINPERSID";
    default:
        return nullptr;
    }
}

// Python decodes BINUNICODE with 'utf-8' and 'surrogatepass': well-formed UTF-8 where
// encoded surrogates are allowed.
bool validUtf8(std::string_view s)
{
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xe0) == 0xc0) {
            n = 1;
            cp = c & 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            n = 2;
            cp = c & 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (s.size() - i <= n)
            return false;
        for (std::size_t k = 1; k <= n; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (cc & 0x3f);
        }
        static const std::uint32_t minimum[] = {0, 0x80, 0x800, 0x10000};
        if (cp < minimum[n] || cp > 0x10ffff)
            return false;
        i += n + 1;
    }
    return true;
}

class PickleMachine {
public:
    PickleMachine(std::string_view data, const std::string& source, const PickleOptions& options)
            : data_(data), source_(source), options_(options)
    { }

    // Containers left behind by a failed load may reference each other: break the links.
    ~PickleMachine()
    {
        if (!succeeded_)
            breakAllContainers();
    }

    PickleValue run();

private:
    [[noreturn]] void fail(const std::string& what) const
    {
        throw Error(source_, "offset " + std::to_string(opStart_) + ": " + what);
    }
    const char* name() const { return opName(op_); }

    std::string_view take(std::uint64_t n)
    {
        const std::uint64_t left = data_.size() - pos_;
        if (n > left)
            fail("truncated: " + std::string(name()) + " needs " + std::to_string(n) + " bytes, only " +
                 std::to_string(left) + " left");
        const auto out = data_.substr(pos_, static_cast<std::size_t>(n));
        pos_ += static_cast<std::size_t>(n);
        return out;
    }
    std::uint64_t readUnsigned(int nbytes)
    {
        const auto b = take(static_cast<std::uint64_t>(nbytes));
        std::uint64_t v = 0;
        for (int i = nbytes - 1; i >= 0; --i)
            v = (v << 8) | static_cast<unsigned char>(b[static_cast<std::size_t>(i)]);
        return v;
    }
    std::string readLine()
    {
        const auto end = data_.find('\n', pos_);
        if (end == std::string_view::npos)
            fail("truncated: " + std::string(name()) + " argument has no end of line");
        std::string out(data_.substr(pos_, end - pos_));
        pos_ = end + 1;
        return out;
    }

    // Items above the innermost MARK; opcodes never reach below it.
    std::size_t available() const { return stack_.size() - (marks_.empty() ? 0 : marks_.back()); }
    void need(std::size_t n) const
    {
        if (available() < n)
            fail("stack underflow: " + std::string(name()) + " needs " + std::to_string(n) + " item(s), " +
                 std::to_string(available()) + " available" + (marks_.empty() ? "" : " above the MARK"));
    }
    PickleValue pop()
    {
        need(1);
        PickleValue v = std::move(stack_.back());
        stack_.pop_back();
        return v;
    }
    std::vector<PickleValue> popMark()
    {
        if (marks_.empty())
            fail(std::string(name()) + " without a MARK");
        const std::size_t at = marks_.back();
        marks_.pop_back();
        std::vector<PickleValue> items(std::make_move_iterator(stack_.begin() + static_cast<std::ptrdiff_t>(at)),
                                       std::make_move_iterator(stack_.end()));
        stack_.resize(at);
        return items;
    }
    std::vector<PickleValue> popN(std::size_t n)
    {
        need(n);
        std::vector<PickleValue> items(std::make_move_iterator(stack_.end() - static_cast<std::ptrdiff_t>(n)),
                                       std::make_move_iterator(stack_.end()));
        stack_.resize(stack_.size() - n);
        return items;
    }
    PickleValue& top()
    {
        need(1);
        return stack_.back();
    }

    template <typename F>
    auto guarded(const std::string& what, F&& f) -> decltype(f())
    {
        try {
            return f();
        } catch (const Cancelled&) {
            throw;
        } catch (const Error& e) {
            fail(what + ": " + e.what());
        }
    }

    // Pushes a new container and keeps a reference to it until the load ends, for the
    // cycle check: shared_ptr cannot free self-referencing containers.
    void push(PickleValue container)
    {
        containers_.push_back(container);
        stack_.push_back(std::move(container));
    }
    bool hasCycle() const;
    void breakAllContainers();

    void pushText(std::uint64_t n, bool unicode);
    void pushGlobal(const std::string& module, const std::string& nm);
    void callGlobal(bool newObj);
    void setItems(std::vector<PickleValue> kv);
    void appendItems(std::vector<PickleValue> xs);
    void memoPut(std::uint64_t index);
    void memoGet(std::uint64_t index);

    std::string_view data_;
    const std::string& source_;
    const PickleOptions& options_;
    std::size_t pos_ = 0;
    std::size_t opStart_ = 0;
    unsigned char op_ = 0;
    std::vector<PickleValue> stack_;
    std::vector<std::size_t> marks_;
    std::unordered_map<std::uint64_t, PickleValue> memo_;
    std::vector<PickleValue> containers_;
    bool succeeded_ = false;
};

const void* containerId(const PickleValue& v)
{
    if (v.is(PickleValue::Kind::Dict))
        return &v.asDict();
    if (v.is(PickleValue::Kind::List) || v.is(PickleValue::Kind::Tuple))
        return &v.items();
    return nullptr;
}

std::size_t childCount(const PickleValue& v)
{
    return v.is(PickleValue::Kind::Dict) ? 2 * v.asDict().size() : v.items().size();
}

const PickleValue& child(const PickleValue& v, std::size_t i)
{
    if (v.is(PickleValue::Kind::Dict)) {
        const auto& kv = v.asDict().items()[i / 2];
        return i % 2 ? kv.second : kv.first;
    }
    return v.items()[i];
}

// Iterative depth-first search over every container the load made (objects are opaque).
bool PickleMachine::hasCycle() const
{
    enum : char { Unseen, OnPath, Done };
    std::unordered_map<const void*, char> state;
    std::vector<std::pair<const PickleValue*, std::size_t>> path;
    for (const auto& root : containers_) {
        if (state[containerId(root)] != Unseen)
            continue;
        state[containerId(root)] = OnPath;
        path.emplace_back(&root, 0);
        while (!path.empty()) {
            auto& [v, next] = path.back();
            if (next == childCount(*v)) {
                state[containerId(*v)] = Done;
                path.pop_back();
                continue;
            }
            const PickleValue& c = child(*v, next++);
            const void* id = containerId(c);
            if (!id)
                continue;
            char& st = state[id];
            if (st == OnPath)
                return true;
            if (st == Unseen) {
                st = OnPath;
                path.emplace_back(&c, 0);
            }
        }
    }
    return false;
}

void PickleMachine::breakAllContainers()
{
    // containers_ keeps every one alive while the links between them are cut.
    for (auto& c : containers_) {
        if (c.is(PickleValue::Kind::Dict))
            c.mutableDict().clear();
        else
            c.mutableItems().clear();
    }
    containers_.clear();
}

void PickleMachine::pushText(std::uint64_t n, bool unicode)
{
    std::string s(take(n));
    if (unicode && !validUtf8(s))
        fail(std::string("invalid UTF-8 in ") + name());
    stack_.push_back(unicode ? PickleValue::str(std::move(s)) : PickleValue::bytes(std::move(s)));
}

void PickleMachine::pushGlobal(const std::string& module, const std::string& nm)
{
    std::shared_ptr<const PickleGlobal> g;
    if (options_.resolver)
        g = guarded("resolving " + module + "." + nm, [&] { return options_.resolver(module, nm); });
    if (!g)
        throw Error(source_, "refused pickle global " + module + "." + nm +
                                 (options_.refusalHint.empty() ? "" : " (" + options_.refusalHint + ")"));
    stack_.push_back(PickleValue::global(std::move(g)));
}

void PickleMachine::callGlobal(bool newObj)
{
    need(2);
    const PickleValue args = pop();
    const PickleValue callee = pop();
    if (!args.is(PickleValue::Kind::Tuple))
        fail(std::string(name()) + " arguments must be a tuple, found " + args.typeName());
    if (!callee.is(PickleValue::Kind::Global))
        fail(std::string(name()) + " needs an accepted global to call, found " + callee.typeName());
    const PickleGlobal& g = callee.asGlobal();
    const auto& fn = newObj ? g.construct : g.call;
    if (!fn)
        fail(std::string(name()) + " on " + g.qualifiedName() + " is not allowed");
    stack_.push_back(guarded(std::string(name()) + " " + g.qualifiedName(), [&] { return fn(args.items()); }));
}

void PickleMachine::setItems(std::vector<PickleValue> kv)
{
    if (kv.size() % 2 != 0)
        fail(std::string(name()) + " with an odd number of items (" + std::to_string(kv.size()) + ")");
    PickleValue& target = top();
    if (target.is(PickleValue::Kind::Dict)) {
        auto& d = target.mutableDict();
        for (std::size_t i = 0; i < kv.size(); i += 2)
            guarded(name(), [&] { d.set(std::move(kv[i]), std::move(kv[i + 1])); });
    } else if (target.is(PickleValue::Kind::Object)) {
        const auto obj = target.asObject();
        for (std::size_t i = 0; i < kv.size(); i += 2)
            guarded(std::string(name()) + " on " + obj->typeName(), [&] { obj->setItem(kv[i], kv[i + 1]); });
    } else {
        fail(std::string(name()) + " needs a dict to set items in, found " + target.typeName());
    }
}

void PickleMachine::appendItems(std::vector<PickleValue> xs)
{
    PickleValue& target = top();
    if (target.is(PickleValue::Kind::List)) {
        auto& items = target.mutableItems();
        for (auto& x : xs)
            items.push_back(std::move(x));
    } else if (target.is(PickleValue::Kind::Object)) {
        const auto obj = target.asObject();
        for (const auto& x : xs)
            guarded(std::string(name()) + " on " + obj->typeName(), [&] { obj->append(x); });
    } else {
        fail(std::string(name()) + " needs a list to append to, found " + target.typeName());
    }
}

void PickleMachine::memoPut(std::uint64_t index) { memo_[index] = top(); }

void PickleMachine::memoGet(std::uint64_t index)
{
    const auto it = memo_.find(index);
    if (it == memo_.end())
        fail(std::string(name()) + " of memo index " + std::to_string(index) + ", which was never stored");
    stack_.push_back(it->second);
}

PickleValue PickleMachine::run()
{
    using V = PickleValue;
    while (pos_ < data_.size()) {
        opStart_ = pos_;
        op_ = static_cast<unsigned char>(data_[pos_++]);
        switch (op_) {
        case PROTO: {
            const auto v = readUnsigned(1);
            if (v > 5)
                fail("unsupported pickle protocol " + std::to_string(v));
            break;
        }
        case FRAME: {
            const auto n = readUnsigned(8);
            if (n > data_.size() - pos_)
                fail("truncated: FRAME of " + std::to_string(n) + " bytes, only " + std::to_string(data_.size() - pos_) +
                     " left");
            break;
        }
        case STOP: {
            if (!marks_.empty())
                fail("STOP with an unclosed MARK");
            if (stack_.size() != 1)
                fail("STOP with " + std::to_string(stack_.size()) + " items on the stack (expected 1)");
            if (hasCycle())
                fail("self-referencing containers are not supported");
            succeeded_ = true;
            return pop();
        }
        case MARK:
            marks_.push_back(stack_.size());
            break;
        case EMPTY_DICT:
            push(V::dict());
            break;
        case EMPTY_LIST:
            push(V::list());
            break;
        case EMPTY_TUPLE:
            push(V::tuple());
            break;
        case TUPLE:
            push(V::tuple(popMark()));
            break;
        case TUPLE1:
            push(V::tuple(popN(1)));
            break;
        case TUPLE2:
            push(V::tuple(popN(2)));
            break;
        case TUPLE3:
            push(V::tuple(popN(3)));
            break;
        case LIST:
            push(V::list(popMark()));
            break;
        case DICT: {
            auto kv = popMark();
            push(V::dict());
            setItems(std::move(kv));
            break;
        }
        case APPEND: {
            need(2);
            appendItems(popN(1));
            break;
        }
        case APPENDS:
            appendItems(popMark());
            break;
        case SETITEM: {
            need(3);
            setItems(popN(2));
            break;
        }
        case SETITEMS:
            setItems(popMark());
            break;
        case BININT:
            stack_.push_back(V::integer(static_cast<std::int32_t>(readUnsigned(4))));
            break;
        case BININT1:
            stack_.push_back(V::integer(static_cast<std::int64_t>(readUnsigned(1))));
            break;
        case BININT2:
            stack_.push_back(V::integer(static_cast<std::int64_t>(readUnsigned(2))));
            break;
        case LONG1: {
            const auto n = static_cast<int>(readUnsigned(1));
            if (n > 8)
                fail("LONG1 integer of " + std::to_string(n) + " bytes does not fit in 64 bits");
            std::uint64_t u = n ? readUnsigned(n) : 0;
            if (n && n < 8 && (u >> (8 * n - 1)) & 1U)
                u |= ~std::uint64_t{0} << (8 * n); // sign-extend the two's complement
            stack_.push_back(V::integer(static_cast<std::int64_t>(u)));
            break;
        }
        case BINFLOAT: {
            const auto b = take(8);
            std::uint64_t bits = 0;
            for (const char c : b)
                bits = (bits << 8) | static_cast<unsigned char>(c); // big-endian
            double d;
            std::memcpy(&d, &bits, sizeof d);
            stack_.push_back(V::real(d));
            break;
        }
        case NONE:
            stack_.push_back(V());
            break;
        case NEWTRUE:
            stack_.push_back(V::boolean(true));
            break;
        case NEWFALSE:
            stack_.push_back(V::boolean(false));
            break;
        case SHORT_BINSTRING:
            pushText(readUnsigned(1), false);
            break;
        case BINSTRING: {
            const auto n = static_cast<std::int32_t>(readUnsigned(4));
            if (n < 0)
                fail("BINSTRING with a negative length " + std::to_string(n));
            pushText(static_cast<std::uint64_t>(n), false);
            break;
        }
        case SHORT_BINBYTES:
            pushText(readUnsigned(1), false);
            break;
        case BINBYTES:
            pushText(readUnsigned(4), false);
            break;
        case BINBYTES8:
        case BYTEARRAY8:
            pushText(readUnsigned(8), false);
            break;
        case SHORT_BINUNICODE:
            pushText(readUnsigned(1), true);
            break;
        case BINUNICODE:
            pushText(readUnsigned(4), true);
            break;
        case BINUNICODE8:
            pushText(readUnsigned(8), true);
            break;
        case GLOBAL: {
            const auto module = readLine();
            const auto nm = readLine();
            pushGlobal(module, nm);
            break;
        }
        case STACK_GLOBAL: {
            need(2);
            const V nm = pop();
            const V module = pop();
            if (!module.is(V::Kind::Str) || !nm.is(V::Kind::Str))
                fail("STACK_GLOBAL needs two str, found " + module.typeName() + " and " + nm.typeName());
            pushGlobal(module.asStr(), nm.asStr());
            break;
        }
        case REDUCE:
            callGlobal(false);
            break;
        case NEWOBJ:
            callGlobal(true);
            break;
        case BUILD: {
            need(2);
            const V state = pop();
            const V& target = top();
            if (!target.is(V::Kind::Object))
                fail("BUILD needs an object to give the state to, found " + target.typeName());
            const auto obj = target.asObject();
            guarded("BUILD " + obj->typeName(), [&] { obj->setState(state); });
            break;
        }
        case BINPUT:
            memoPut(readUnsigned(1));
            break;
        case LONG_BINPUT:
            memoPut(readUnsigned(4));
            break;
        case MEMOIZE:
            memoPut(memo_.size());
            break;
        case BINGET:
            memoGet(readUnsigned(1));
            break;
        case LONG_BINGET:
            memoGet(readUnsigned(4));
            break;
        case BINPERSID: {
            const V pid = pop();
            if (!options_.persistentLoad)
                fail("persistent id " + pid.repr() + " refused (BINPERSID is not allowed here)");
            stack_.push_back(guarded("persistent id " + pid.repr(), [&] { return options_.persistentLoad(pid); }));
            break;
        }
        default: {
            char b[40];
            std::snprintf(b, sizeof b, "unsupported pickle opcode 0x%02x", op_);
            std::string msg = b;
            if (op_ >= 0x20 && op_ < 0x7f)
                msg += std::string(" '") + static_cast<char>(op_) + "'";
            fail(msg);
        }
        }
    }
    throw Error(source_, "truncated: stream ends at offset " + std::to_string(data_.size()) + " without STOP");
}

} // namespace

PickleValue loadPickle(std::string_view bytes, const std::string& source, const PickleOptions& options)
{
    return PickleMachine(bytes, source, options).run();
}

PickleValue readPickleFile(const std::filesystem::path& path, const PickleOptions& options)
{
    const std::string bytes = readFileBytes(path);
    return loadPickle(bytes, path.string(), options);
}

} // namespace dq
