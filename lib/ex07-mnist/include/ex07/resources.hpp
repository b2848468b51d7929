#pragma once
// What a run cost: time per epoch and memory.
#include <vector>

namespace vae::mnist {

// The median of values (the mean of the middle two for an even count). Throws
// std::invalid_argument when empty. The typical epoch, unmoved by one slow start or one
// epoch that shared the CPU with something else.
double median(std::vector<double> values);

// The process's peak resident memory so far, in MiB: VmHWM from /proc/self/status, or
// getrusage's ru_maxrss where /proc is not available.
double peak_rss_mb();

}  // namespace vae::mnist
