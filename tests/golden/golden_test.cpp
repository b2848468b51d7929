// The golden test of one exercise: run it with the parameters recorded in its golden file and
// compare every reported quantity. Linked once with the student's code (test exerciseN) and
// once with the reference (test solutionN).
//
// Exit status: 0 all match, 1 a mismatch or a broken golden file, 77 a TODO is not written
// yet or the data set is not on this machine (CTest reports it as skipped, never as passed).
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "vae/exercise.hpp"
#include "vae/golden.hpp"

int main(int argc, char** argv) {
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

        std::vector<std::string> args{"--no-plots"};
        for (const auto& [name, value] : golden.parameters) {
            // A switch is recorded as 1 (given) or 0 (not given) and takes no value.
            bool is_switch = false;
            for (const auto& spec : vae::exercise_info.flags)
                is_switch = is_switch || (spec.name == name && spec.kind == vae::FlagKind::Switch);
            if (is_switch) {
                if (value == "1") args.push_back("--" + name);
                continue;
            }
            args.push_back("--" + name);
            args.push_back(value);
        }
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
            bool known = false;
            for (const auto& g : golden.quantities) known = known || g.name == q.name;
            if (!known) {
                std::cout << "  " << q.name << " is reported but not in the golden file; regenerate it with: "
                          << vae::kRegenerateCommand << "\n";
                ok = false;
            }
        }
        std::cout << (ok ? "passed\n" : "FAILED: the values marked FAIL differ from the golden file\n");
        return ok ? 0 : 1;
    } catch (const std::exception& e) {
        std::cout << id << ": FAILED: " << e.what() << "\n";
        return 1;
    }
}
