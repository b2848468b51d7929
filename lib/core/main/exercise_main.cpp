// The main() shared by every exercise program: parse the flags the exercise declares, run
// it, print its report, and turn every kind of failure into a one-line message and an exit
// status (2 for a bad flag, 77 for a TODO not attempted yet, 1 for anything else).
#include <cmath>
#include <exception>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "vae/exercise.hpp"
#include "vae/golden.hpp"
#include "vae/reproducible_numerics.hpp"
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
    for (const auto& q : report.quantities())
        if (q.checked) g.quantities.push_back(q);
    g.comments = vae::exercise_info.golden_comments;
    return g;
}

// Regenerating must not churn: a trained value differs in its last bits between instruction
// sets, so a file written on one machine and regenerated on another would change every line
// for nothing. A line is kept as it is when the run's parameters are unchanged, the new value
// passes the recorded one's test, and the tolerance is the same to 1%. Anything that would fail
// the golden test is rewritten. (docs/reproducibility.md says why this and not rounding.)
vae::GoldenFile keep_unchanged_lines(vae::GoldenFile fresh, const std::string& path) {
    if (!std::ifstream(path)) return fresh;
    vae::GoldenFile old;
    try {
        old = vae::read_golden(path);
    } catch (const vae::InputError&) {
        return fresh;  // a broken file is simply replaced
    }
    if (old.exercise != fresh.exercise || old.generator != fresh.generator ||
        old.parameters != fresh.parameters)
        return fresh;
    for (auto& q : fresh.quantities) {
        for (const auto& o : old.quantities) {
            if (o.name != q.name) continue;
            const bool same_tolerance = std::fabs(q.tolerance - o.tolerance) <= 0.01 * o.tolerance;
            if (same_tolerance && vae::within_tolerance(o.value, q.value, o.tolerance)) {
                q.value = o.value;
                q.tolerance = o.tolerance;
            }
        }
    }
    return fresh;
}

}  // namespace

int main(int argc, char** argv) {
    vae::make_numerics_machine_independent();
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

    // --replay-golden FILE runs exactly what the golden test runs (its recorded flags), e.g.
    // with --csv, as tools/measure-spread does.
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] != "--replay-golden") continue;
        if (i + 1 >= args.size()) {
            std::cerr << program << ": --replay-golden needs a golden file\n";
            return 2;
        }
        const std::string replay = args[i + 1];
        args.erase(args.begin() + static_cast<long>(i), args.begin() + static_cast<long>(i) + 2);
        try {
            const auto recorded = vae::golden_run_args(vae::read_golden(replay), vae::exercise_info.flags);
            args.insert(args.begin(), recorded.begin(), recorded.end());
        } catch (const std::exception& e) {
            std::cerr << program << ": " << e.what() << "\n";
            return 2;
        }
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
            vae::write_golden(golden_path, keep_unchanged_lines(golden_from(report, options), golden_path));
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
