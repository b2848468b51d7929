#include "vae/written_files.hpp"

#include <algorithm>
#include <filesystem>
#include <mutex>

namespace vae {

namespace {

std::mutex& registry_mutex() {
    static std::mutex m;
    return m;
}

std::vector<std::string>& registry() {
    static std::vector<std::string> files;
    return files;
}

}  // namespace

void note_written_file(const std::string& path) {
    std::error_code ec;
    std::filesystem::path absolute = std::filesystem::absolute(path, ec);
    // Absolute, because the record is read from another folder; the name as given if even
    // the current folder cannot be known.
    const std::string name = ec ? path : absolute.lexically_normal().string();
    const std::lock_guard<std::mutex> lock(registry_mutex());
    auto& files = registry();
    if (std::find(files.begin(), files.end(), name) == files.end()) files.push_back(name);
}

std::vector<std::string> written_files() {
    const std::lock_guard<std::mutex> lock(registry_mutex());
    return registry();
}

}  // namespace vae
