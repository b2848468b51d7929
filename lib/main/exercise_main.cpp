// The main() shared by every exercise program: parse the flags the exercise declares, run
// it, print its report, and turn every kind of failure into a one-line message and an exit
// status (2 for a bad flag, 77 for a TODO not attempted yet, 1 for anything else).
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "vae/exercise.hpp"
#include "vae/golden.hpp"
#include "vae/rng.hpp"

namespace {

std::string program_name(const char* argv0) {
    std::string name = argv0 ? argv0 : "exercise";
    const auto slash = name.find_last_of('/');
    return slash == std::string::npos ? name : name.substr(slash + 1);
}

vae::GoldenFile golden_from(const vae::Report& report, const vae::Options& options) {
    vae::GoldenFile g;
    g.exercise = vae::exercise_info.id;
    g.generator = vae::kGeneratorName;
    for (const auto& spec : vae::exercise_info.flags)
        g.parameters[spec.name] = options.values().at(spec.name);
    g.quantities = report.quantities();
    g.comments = vae::exercise_info.golden_comments;
    return g;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string program = program_name(argv[0]);
    std::vector<std::string> args(argv + 1, argv + argc);

    // --write-golden FILE is the instructors' flag, used by the `golden` build target.
    std::string golden_path;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] != "--write-golden") continue;
        if (i + 1 >= args.size()) {
            std::cerr << program << ": --write-golden needs a file name\n";
            return 2;
        }
        golden_path = args[i + 1];
        args.erase(args.begin() + static_cast<long>(i), args.begin() + static_cast<long>(i) + 2);
        break;
    }

    const auto specs = vae::with_common_flags(vae::exercise_info.flags);
    vae::Options options;
    try {
        bool help = false;
        options = vae::parse_flags(specs, args, help);
        if (help) {
            std::cout << vae::usage_text(program, vae::exercise_info.title, specs);
            return 0;
        }
        if (!golden_path.empty()) options = options.with("no-plots", "1");
    } catch (const vae::UsageError& e) {
        std::cerr << program << ": " << e.what() << "\n";
        return 2;
    }

    try {
        const vae::Report report = vae::run_exercise(options);
        if (!golden_path.empty()) {
            vae::write_golden(golden_path, golden_from(report, options));
            std::cout << program << ": wrote " << golden_path << "\n";
            return 0;
        }
        if (options.csv())
            report.print_csv(std::cout);
        else
            report.print_table(std::cout);
        return 0;
    } catch (const vae::NotImplemented& e) {
        std::cerr << program << ": not attempted yet: " << e.what() << "\n";
        return 77;
    } catch (const vae::UsageError& e) {
        std::cerr << program << ": " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << program << ": error: " << e.what() << "\n";
        return 1;
    }
}
