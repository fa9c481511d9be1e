#pragma once
#include "io/internal/Pickle.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace dq {

// numpy.dtype as pickled: dtype('u1', False, True), then BUILD with
// (3, '|', None, None, None, -1, -1, 0). Only plain numeric dtypes (bool, int, uint,
// float, complex) are accepted; structured and object dtypes are refused.
class PickledNumpyDtype : public PickleObject {
public:
    explicit PickledNumpyDtype(std::string code); // "u1", "f4", ...; throws dq::Error
    std::string typeName() const override { return "numpy.dtype"; }
    void setState(const PickleValue& state) override;
    std::string repr() const override { return "dtype('" + name() + "')"; }

    const std::string& code() const { return code_; }
    char kind() const { return code_[0]; }
    int itemSize() const { return itemSize_; }
    // '<', '>', '|' (not applicable) or '='.
    char byteOrder() const { return byteOrder_; }
    std::string name() const; // numpy's name: "uint8", "float32", ...

private:
    std::string code_;
    int itemSize_ = 0;
    char byteOrder_ = '=';
};

// A numpy.ndarray rebuilt the ways numpy pickles one: _reconstruct(ndarray, (0,), b'b')
// then BUILD (version, shape, dtype, is_fortran, raw bytes) at protocols 2-4, or
// _frombuffer(buffer, dtype, shape, order) at protocol 5. The raw bytes are checked
// against shape and dtype; they are kept as stored (byte order, C or Fortran order).
class PickledNumpyArray : public PickleObject {
public:
    std::string typeName() const override { return "numpy.ndarray"; }
    void setState(const PickleValue& state) override;
    std::string repr() const override;

    // Checks that data holds exactly shape x dtype bytes; throws dq::Error.
    void assign(std::shared_ptr<const PickledNumpyDtype> dtype, std::vector<std::int64_t> shape, bool fortranOrder,
                PickleValue data);
    bool built() const { return dtype_ != nullptr; }
    const PickledNumpyDtype& dtype() const; // throws dq::Error before BUILD
    const std::vector<std::int64_t>& shape() const { return shape_; }
    bool fortranOrder() const { return fortranOrder_; }
    std::int64_t numel() const;
    std::string_view bytes() const;
    std::string shapeText() const; // "(10000, 3072)"

private:
    std::shared_ptr<const PickledNumpyDtype> dtype_;
    std::vector<std::int64_t> shape_;
    bool fortranOrder_ = false;
    PickleValue data_;
};

// Accepts only what numpy array reconstruction needs: numpy.core.multiarray._reconstruct,
// numpy.ndarray, numpy.dtype, numpy.core.numeric._frombuffer (numpy 2's numpy._core.*
// too), and the two ways Python 3 writes bytes at protocol 2: _codecs.encode(text,
// 'latin1') and __builtin__.bytes() for b''.
PickleResolver numpyArrayResolver();
// numpyArrayResolver() with the hint "only numpy array reconstruction is allowed".
PickleOptions numpyPickleOptions();

} // namespace dq
