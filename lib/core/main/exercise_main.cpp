// The main() shared by every exercise program: read the flags the exercise binds, run it,
// print its report, and turn every kind of failure into a one-line message and an exit
// status (2 for a bad flag, 77 for a TODO not attempted yet, 1 for anything else).
#include <algorithm>
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
#include "vae/run_record.hpp"

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
    for (const auto& [name, value] : options.parameters()) g.parameters[name] = value;
    for (const auto& q : report.quantities())
        if (q.checked) g.quantities.push_back(q);
    g.comments = vae::tolerance_comments(vae::exercise_info.tolerance_notes, vae::program.note_values());
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

// Removes "NAME VALUE" from args and returns whether it was there.
bool take(std::vector<std::string>& args, const std::string& name, std::string& value) {
    const auto at = std::find(args.begin(), args.end(), name);
    if (at == args.end()) return false;
    if (at + 1 == args.end()) throw vae::UsageError(name + " needs a file name");
    value = *(at + 1);
    args.erase(at, at + 2);
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    vae::make_numerics_machine_independent();
    const std::string program = program_name(argv[0]);
    std::vector<std::string> args(argv + 1, argv + argc);

    vae::Options options;
    vae::Flags flags(program, vae::exercise_info.title);
    std::string golden_path;
    try {
        vae::program.add_flags(flags, options);
        // --write-golden FILE is the instructors' flag, used by the `golden` build target.
        if (take(args, "--write-golden", golden_path)) args.push_back("--no-plots");
        // --replay-golden FILE runs exactly what the golden test runs (its recorded flags), e.g.
        // with --csv, as tools/measure-spread does; a flag given beside it overrides the file's.
        std::string replay;
        if (take(args, "--replay-golden", replay)) {
            const auto recorded = vae::golden_run_args(vae::read_golden(replay), flags);
            args.insert(args.begin(), recorded.begin(), recorded.end());
        }
        flags.parse(args);
        if (flags.help_requested()) {
            std::cout << flags.help();
            return 0;
        }
        if (program.rfind("solution", 0) == 0) options.draw_in_subfolder("reference");
    } catch (const std::exception& e) {  // a bad flag, or a golden file to replay that is not one
        std::cerr << program << ": " << e.what() << "\n";
        return 2;
    }

    try {
        if (golden_path.empty()) vae::forget_last_run(program, options);  // a failed run leaves no old record
        const vae::Report report = vae::program.run(options);
        if (!golden_path.empty()) {
            vae::write_golden(golden_path, keep_unchanged_lines(golden_from(report, options), golden_path));
            std::cout << program << ": wrote " << golden_path << "\n";
            return 0;
        }
        if (options.csv())
            report.print_csv(std::cout);
        else
            report.print_table(std::cout);
        vae::record_run(program, vae::exercise_info, options, report);
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
