// The golden test of one exercise: run it with the parameters recorded in its golden file and
// compare every reported quantity. Linked once with the student's code (test exerciseN) and
// once with the reference (test solutionN).
//
// Exit status: 0 all match, 1 a mismatch or a broken golden file, 77 a TODO is not written
// yet or the data set is not on this machine (CTest reports it as skipped, never as passed).
#include <algorithm>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "vae/exercise.hpp"
#include "vae/golden.hpp"
#include "vae/reproducible_numerics.hpp"

namespace {

// Where to look: the TODOs behind the failing quantities, in the order they first fail.
void print_where_to_look(const std::vector<vae::Comparison>& rows) {
    std::vector<std::string> todos;
    for (const auto& r : rows)
        if (!r.passed && !r.depends_on.empty() &&
            std::find(todos.begin(), todos.end(), r.depends_on) == todos.end())
            todos.push_back(r.depends_on);
    if (todos.empty()) return;
    std::cout << "Where to look:\n";
    for (const auto& t : todos) {
        std::cout << "  TODO " << t << ":";
        for (const auto& r : rows)
            if (!r.passed && r.depends_on == t) std::cout << " " << r.name;
        std::cout << "\n";
    }
}

// A student's failure is theirs only if the reference passes here: where the reference fails
// too, this machine's numbers differ from the golden file's and no edit of theirs would help.
void explain_failure(const std::vector<vae::Comparison>& rows, const std::string& golden_path) {
#ifdef VAE_REFERENCE_GOLDEN_TEST
    const std::string command =
        std::string("'") + VAE_REFERENCE_GOLDEN_TEST + "' '" + golden_path + "' > /dev/null 2>&1";
    const int status = std::system(command.c_str());
    if (status != 0) {
        std::cout << "The reference solution fails this golden file on this machine too, so the difference\n"
                     "is not in your code. Please report it to whoever maintains the workbook, with this\n"
                     "table and the output of `lscpu`.\n";
        return;
    }
    print_where_to_look(rows);
#elif defined(VAE_STUDENT_TEST)
    // The student's test in a student edition, which has no reference solution to run.
    (void)golden_path;
    print_where_to_look(rows);
#else
    (void)golden_path;
    print_where_to_look(rows);
    std::cout << "This is the reference solution: either it changed (regenerate the golden file with: "
              << vae::kRegenerateCommand << ")\nor this machine's numbers differ from the golden file's "
              << "by more than its tolerances allow (docs/reproducibility.md).\n";
#endif
}

}  // namespace

int main(int argc, char** argv) {
    vae::make_numerics_machine_independent();
    if (argc != 2) {
        std::cerr << "usage: " << argv[0] << " GOLDEN_FILE\n";
        return 1;
    }
    const std::string path = argv[1];
    const std::string id = vae::exercise_info.id;
    try {
        const vae::GoldenFile golden = vae::read_golden(path);
        if (golden.exercise != id)
            throw vae::InputError("golden file " + path + " is for " + golden.exercise + ", not " + id +
                                  ". Regenerate it with: " + vae::kRegenerateCommand);

        const std::vector<std::string> args = vae::golden_run_args(golden, vae::exercise_info.flags);
        bool help = false;
        const vae::Options options =
            vae::parse_flags(vae::with_common_flags(vae::exercise_info.flags), args, help);

        vae::Report report;
        try {
            report = vae::run_exercise(options);
        } catch (const vae::NotImplemented& e) {
            std::cout << id << ": skipped, not attempted yet (" << e.what() << ")\n";
            return 77;
        } catch (const vae::MissingData& e) {
            // No data, no check: reported as skipped with the command that fetches it.
            std::cout << id << ": skipped: " << e.what() << "\n";
            return 77;
        }

        const auto rows = vae::compare(golden, report);
        bool ok = vae::all_passed(rows);
        std::cout << id << " against " << path << ":\n";
        vae::print_comparison(std::cout, rows);
        for (const auto& q : report.quantities()) {
            if (!q.checked) continue;
            bool known = false;
            for (const auto& g : golden.quantities) known = known || g.name == q.name;
            if (!known) {
                std::cout << "  " << q.name << " is reported but not in the golden file; regenerate it with: "
                          << vae::kRegenerateCommand << "\n";
                ok = false;
            }
        }
        if (ok) {
            std::cout << "passed\n";
            return 0;
        }
        std::cout << "FAILED: the values marked FAIL differ from the golden file\n";
        explain_failure(rows, path);
        return 1;
    } catch (const std::exception& e) {
        std::cout << id << ": FAILED: " << e.what() << "\n";
        return 1;
    }
}
