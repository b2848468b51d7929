#include "vae/data/split.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <string>

#include "vae/rng.hpp"

namespace vae::data {

SplitIndices stratified_split(const std::vector<int>& labels, std::uint64_t seed, double test_fraction) {
    if (!(test_fraction >= 0.0 && test_fraction <= 1.0)) {  // also refuses NaN
        throw std::invalid_argument("stratified_split: the test fraction must be in [0, 1], got " +
                                    std::to_string(test_fraction));
    }
    // std::map: classes in ascending label order, so the random draws are used in a fixed order.
    std::map<int, std::vector<std::size_t>> rows_of_class;
    for (std::size_t row = 0; row < labels.size(); ++row) rows_of_class[labels[row]].push_back(row);

    Rng rng(seed, Stream::Split);
    SplitIndices split;
    for (auto& [label, rows] : rows_of_class) {
        (void)label;
        rng.shuffle(rows);
        // round() rather than floor(): 59 wine samples at 20% give 12 test rows (11.8), not 11.
        const auto test_count =
            static_cast<std::size_t>(std::round(test_fraction * static_cast<double>(rows.size())));
        split.test.insert(split.test.end(), rows.begin(),
                          rows.begin() + static_cast<std::ptrdiff_t>(test_count));
        split.train.insert(split.train.end(), rows.begin() + static_cast<std::ptrdiff_t>(test_count),
                           rows.end());
    }
    std::sort(split.train.begin(), split.train.end());
    std::sort(split.test.begin(), split.test.end());
    return split;
}

TrainTest apply_split(const LabeledData& data, const SplitIndices& split) {
    return TrainTest{select_rows(data, split.train), select_rows(data, split.test)};
}

}  // namespace vae::data
