#pragma once
// The interface every exercise program implements, in the student's skeleton and in the
// reference solution alike. lib/core/main/exercise_main.cpp provides main(); the golden test
// links the same two definitions.
#include <string>
#include <vector>

#include "vae/error.hpp"
#include "vae/options.hpp"
#include "vae/report.hpp"

namespace vae {

struct ExerciseInfo {
    std::string id;     // "exercise3": names the golden file
    std::string title;  // one line, shown by --help and above the table
    std::vector<FlagSpec> flags;
    // Written into the golden file's header: why its tolerances are what they are. Exercises
    // 1-5 are exact arithmetic (1e-12); trained exercises explain their looser bounds here.
    std::vector<std::string> golden_comments = {};
};

// Defined by each exercise.
extern const ExerciseInfo exercise_info;
Report run_exercise(const Options& options);

}  // namespace vae
