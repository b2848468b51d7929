#pragma once
// Private to lib/ex06-tabular: the golden tolerance of every value exercise 6 checks, bar the
// exact active dimension counts.
namespace vae::tabular {

// Measured by tools/measure-spread (exercise 6's tolerance_notes in exercises/manifest.json, the
// golden file's header): the largest deviation of any value over 21 runs was about 1e-14
// relative; 3 times that is still below 1e-12, the exact exercises' tolerance, which is the
// floor for anything computed in double.
inline constexpr double kGoldenTolerance = 1e-12;

}  // namespace vae::tabular
