#pragma once

namespace dq {

// LibTorch's CPU threads (libgomp) spin for a long while after each parallel region by
// default. On a 2-core machine that spinning takes the second core from the work between
// regions: the pixel step's small networks ran 1.9x slower on 2 threads than they need to
// (and slower than on 1). libgomp reads its spin count once, when it is loaded, so a
// process that wants a short one must start with it in its environment: this sets
// GOMP_SPINCOUNT and re-executes the program (same arguments) unless the user has set
// GOMP_SPINCOUNT or OMP_WAIT_POLICY. It returns only where nothing was re-executed (the
// variables were set, or exec failed: the run then goes on with libgomp's defaults).
void useShortThreadSpin(char** argv);

} // namespace dq
