#pragma once
// Reading back the per-epoch CSV log that nn::train writes (nn::epoch_csv_header and
// nn::epoch_csv_row), so that --from-checkpoint can redraw the loss curves.
#include <string>
#include <vector>

#include "vae/nn/train.hpp"

namespace vae::mnist {

// Parses the log at path. Empty test fields read as "no test numbers" (has_test false, NaN).
// Throws InputError naming the file, line and column for a wrong header, a wrong number of
// fields or a field that is not a number, or when the file cannot be read.
std::vector<nn::EpochStats> read_epoch_log(const std::string& path);

}  // namespace vae::mnist
