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
// squares = sum (a - b)^2 and along = sum (a - b) m.
void differenceMoments(const double* a, const double* b, const double* m, std::int64_t n, double& squares, double& along);
// Kernels of ResidualSketch's rows (four lanes, any order of summation):
// squares = sum v^2 and along = sum v m;
void squaresAndDot(const double* v, const double* m, std::int64_t n, double& squares, double& along);
// v -= c m, returning max |v|;
double subtractAlong(double* v, const double* m, double c, std::int64_t n);
// q = levels round(v inv) clamped to [-127, 127], v -= scale q; returns the sums of the new
// v^2 and of q^2, and the largest new |v|.
void quantizeInt8(double* v, std::int64_t n, double inv, double scale, std::int8_t* q, double& err2, double& q2,
                  double& errMax);
// The exact integer product of int8 and int16 vectors (of any length below 2^35).
std::int64_t dotInt8Int16(const std::int8_t* a, const std::int16_t* b, std::int64_t n);

} // namespace dq
