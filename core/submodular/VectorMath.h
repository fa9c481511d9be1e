#pragma once
#include <cstdint>

namespace dq {

// The inner loops of the engine: float features against double running sums, in double.
// Eight fixed accumulator lanes, combined in a fixed order, use vector registers without
// reassociating, so every CPU, with or without AVX2, gives bit-identical sums: the same
// inputs give the same bins everywhere.
double dotMixed(const double* a, const float* b, std::int64_t n);
double dotFloat(const float* a, const float* b, std::int64_t n);
// sum += f * x
void axpyMixed(double* sum, double f, const float* x, std::int64_t n);

} // namespace dq
