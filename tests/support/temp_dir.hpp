#pragma once
// A fresh temporary directory for one test, removed with everything in it at scope exit.
// Shared by the [data] tests that write bad files on purpose.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace vae_test {

class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "vae-data-test-XXXXXX").string();
        std::vector<char> name(pattern.begin(), pattern.end());
        name.push_back('\0');
        if (::mkdtemp(name.data()) == nullptr) throw std::runtime_error("cannot create " + pattern);
        path_ = name.data();
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    // The full path of `name` inside the directory.
    std::string file(const std::string& name) const { return (path_ / name).string(); }

    // Writes `bytes` to `name` and returns its full path.
    std::string write(const std::string& name, const std::string& bytes) const {
        const std::string path = file(name);
        std::ofstream out(path, std::ios::binary);
        out << bytes;
        if (!out) throw std::runtime_error("cannot write " + path);
        return path;
    }

private:
    std::filesystem::path path_;
};

}  // namespace vae_test
