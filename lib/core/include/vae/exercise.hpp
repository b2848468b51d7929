#pragma once
// The interface every exercise program implements, in the student's skeleton and in the
// reference solution alike. lib/core/main/exercise_main.cpp provides main(); the golden test
// links the same definitions.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "vae/error.hpp"
#include "vae/options.hpp"
#include "vae/report.hpp"

namespace vae {

// The exercise's entry in exercises/manifest.json. CMake writes its definition from the
// manifest (lib/core/main/exercise_info.cmake), so titles and notes live there only.
struct ExerciseInfo {
    std::string id;     // "exercise3": names the golden file
    std::string title;  // "Exercise 3: Forward pass and loss", shown by --help and above the table
    // The manifest's tolerance_notes: written into the golden file's header to say why its
    // tolerances are what they are, each {name} replaced by the value the program gives for it.
    std::vector<std::string> tolerance_notes;
};
extern const ExerciseInfo exercise_info;

// Values for the {name}s of the tolerance notes, where a note quotes a number from the code.
using NoteValues = std::map<std::string, std::string>;

// An exercise program: its settings (a struct the flags write into), the function that binds
// them to flags, and the run that uses them.
class Program {
public:
    template <class Settings>
    Program(void (*add_flags)(Flags&, Settings&), Report (*run)(const Settings&, const Options&),
            NoteValues (*note_values)() = nullptr)
        : Program(std::make_shared<Settings>(), add_flags, run, note_values) {}

    // Declares the exercise's flags and the common ones, bound to the settings and to options.
    void add_flags(Flags& flags, Options& options) const {
        add_flags_(flags);
        flags.add_common(options);
    }
    Report run(const Options& options) const { return run_(options); }
    NoteValues note_values() const { return note_values_ ? note_values_() : NoteValues{}; }

private:
    // settings: the one object the flags write into and the run reads.
    template <class Settings>
    Program(std::shared_ptr<Settings> settings, void (*add_flags)(Flags&, Settings&),
            Report (*run)(const Settings&, const Options&), NoteValues (*note_values)())
        : add_flags_([add_flags, settings](Flags& f) { add_flags(f, *settings); }),
          run_([run, settings](const Options& o) { return run(*settings, o); }),
          note_values_(note_values) {}

    std::function<void(Flags&)> add_flags_;
    std::function<Report(const Options&)> run_;
    NoteValues (*note_values_)();
};

// Defined by each exercise file.
extern const Program program;

}  // namespace vae
