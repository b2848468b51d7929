#pragma once
// The files this program has written so far (its plots), so that the record of its run can
// list exactly what it drew: two programs write plots of the same names into one folder, and
// only a list kept while writing says which run a file came from.
#include <string>
#include <vector>

namespace vae {

// Remembers path (made absolute), once, in the order first written. Thread-safe.
void note_written_file(const std::string& path);

// Every path noted so far.
std::vector<std::string> written_files();

}  // namespace vae
