#pragma once
// Denormal (subnormal) floats are slow on many CPUs. Training never needs them, so the
// benchmark and the training programs may flush them to zero.

namespace vae::nn {

// Sets the x86 MXCSR flags FTZ (flush results to zero) and DAZ (read inputs as zero) on the
// calling thread, on the threads that train the network and on every OpenMP worker thread.
// Returns false (and does nothing) on other CPUs.
bool enable_flush_denormals();

}  // namespace vae::nn
