// The golden test of one exercise: run it with the parameters recorded in its golden file and
// compare every reported quantity. Linked once with the student's code (test exerciseN) and
// once with the reference (test solutionN).
//
// Exit status: 0 all match, 1 a mismatch or a broken golden file, 77 a TODO is not written
// yet or the data set is not on this machine (CTest reports it as skipped, never as passed).
#include "vae/golden.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "vae/exercise.hpp"
#include "vae/reproducible_numerics.hpp"

namespace {

// Where to look: the TODOs behind the failing quantities (those not excused), in the order
// they first fail.
void print_where_to_look(const std::vector<vae::Comparison>& rows, const std::set<std::string>& excused) {
    auto counts = [&](const vae::Comparison& r) { return !r.passed && !excused.count(r.name); };
    std::vector<std::string> todos;
    for (const auto& r : rows)
        if (counts(r) && !r.depends_on.empty() &&
            std::find(todos.begin(), todos.end(), r.depends_on) == todos.end())
            todos.push_back(r.depends_on);
    if (todos.empty()) return;
    std::cout << "Where to look:\n";
    for (const auto& t : todos) {
        std::cout << "  TODO " << t << ":";
        for (const auto& r : rows)
            if (counts(r) && r.depends_on == t) std::cout << " " << r.name;
        std::cout << "\n";
    }
}

std::string file_name(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string folder_of(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? "." : path.substr(0, slash);
}

// Runs the reference's golden test on the same file and returns the names of the quantities it
// fails (the rows of its table that end in FAIL); sets status to its exit status.
std::set<std::string> reference_failures(const std::string& reference, const std::string& golden_path,
                                         int& status) {
    std::set<std::string> failing;
    const std::string command = "'" + reference + "' '" + golden_path + "' 2>/dev/null";
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) {
        status = -1;
        return failing;
    }
    std::string output;
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
    const int raw = ::pclose(pipe);
    status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    std::istringstream lines(output);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream fields(line);
        std::string name, last, field;
        fields >> name;
        while (fields >> field) last = field;
        if (last == "FAIL") failing.insert(name);
    }
    return failing;
}

// A student's failure is theirs only where the reference passes on this machine: a quantity
// the reference fails too is this machine's (or the golden file's) doing, and no edit of the
// student's would help. The role comes from the program's own name: solutionN_golden_test is
// the reference; exerciseN_golden_test (and a mutant) asks solutionN_golden_test beside it.
void explain_failure(const std::vector<vae::Comparison>& rows, const std::string& golden_path,
                     const std::string& program) {
    const std::string id = vae::exercise_info.id;  // "exercise3"
    const std::string number = id.substr(std::string("exercise").size());
    if (file_name(program).rfind("solution", 0) == 0) {
        print_where_to_look(rows, {});
        std::cout << "This is the reference solution: either it changed (regenerate the golden file with: "
                  << vae::kRegenerateCommand << ")\nor this machine's numbers differ from the golden file's "
                  << "by more than its tolerances allow (docs/reproducibility.md).\n";
        return;
    }
    const std::string reference = folder_of(program) + "/solution" + number + "_golden_test";
    if (::access(reference.c_str(), X_OK) != 0) {
        // A student edition has no reference; in the instructor's tree it may not be built yet.
        if (::access((std::string(VAE_SOURCE_DIR) + "/solutions").c_str(), F_OK) == 0)
            std::cout << "(Whether the reference solution passes on this machine was not checked: "
                      << reference << " is not built.)\n";
        print_where_to_look(rows, {});
        return;
    }
    int status = 0;
    const std::set<std::string> excused = reference_failures(reference, golden_path, status);
    if (status != 0 && status != 1) {
        std::cout << "(The reference solution's golden test could not be run here (exit status " << status
                  << "), so this machine could not be ruled out.)\n";
        print_where_to_look(rows, {});
        return;
    }
    std::vector<std::string> both;
    for (const auto& r : rows)
        if (!r.passed && excused.count(r.name)) both.push_back(r.name);
    if (!both.empty()) {
        std::cout
            << "The reference solution fails these too on this machine, so they are not your code's doing:";
        for (const auto& name : both) std::cout << " " << name;
        std::cout << "\nPlease report them to whoever maintains the workbook, with this table and the output "
                     "of `lscpu`.\n";
    }
    print_where_to_look(rows, excused);
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

        // The header's notes are the manifest's: a file not regenerated since they changed is stale.
        const auto notes =
            vae::tolerance_comments(vae::exercise_info.tolerance_notes, vae::program.note_values());
        if (golden.comments != notes)
            throw vae::InputError(
                "golden file " + path +
                ": its header's notes are not those of exercises/manifest.json (tolerance_notes). "
                "Regenerate it with: " +
                vae::kRegenerateCommand);

        vae::Options options;
        vae::Flags flags(argv[0], vae::exercise_info.title);
        vae::program.add_flags(flags, options);
        flags.parse(vae::golden_run_args(golden, flags));

        vae::Report report;
        try {
            report = vae::program.run(options);
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
        explain_failure(rows, path, argv[0]);
        return 1;
    } catch (const std::exception& e) {
        std::cout << id << ": FAILED: " << e.what() << "\n";
        return 1;
    }
}
