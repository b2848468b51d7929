# vae::exercise_info for each exercise, written from its entry in exercises/manifest.json, so
# that titles and tolerance notes are kept there and only there.
#
#   vae_exercise_info(N MANIFEST_JSON INDEX HARNESS)
# makes the library vae_exercise<N>_info: the generated definition, linked with HARNESS (the
# exercise's lib/ folder target), for exerciseN, solutionN, their golden tests and mutants.

# A C++ string literal holding text.
function(vae_cxx_literal out text)
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\"" "\\\"" text "${text}")
  string(REPLACE "\n" "\\n" text "${text}")
  set(${out} "\"${text}\"" PARENT_SCOPE)
endfunction()

function(vae_exercise_info n json index harness)
  string(JSON title ERROR_VARIABLE missing GET "${json}" exercises ${index} title)
  string(JSON note_count ERROR_VARIABLE missing_notes LENGTH "${json}" exercises ${index} tolerance_notes)
  if(missing OR missing_notes)
    message(FATAL_ERROR "exercises/manifest.json: exercise ${n} needs a \"title\" and a \"tolerance_notes\" "
                        "list (empty for none): ${missing}${missing_notes}")
  endif()
  vae_cxx_literal(VAE_INFO_ID "exercise${n}")
  vae_cxx_literal(VAE_INFO_TITLE "Exercise ${n}: ${title}")
  # Built by appending, never as a CMake list: a note may hold a ';'.
  set(VAE_INFO_NOTES "")
  if(note_count GREATER 0)
    math(EXPR last "${note_count} - 1")
    foreach(k RANGE ${last})
      string(JSON note GET "${json}" exercises ${index} tolerance_notes ${k})
      vae_cxx_literal(literal "${note}")
      string(APPEND VAE_INFO_NOTES "        ${literal},\n")
    endforeach()
  endif()
  # Written only when it changes, so that reconfiguring rebuilds nothing.
  set(source ${CMAKE_BINARY_DIR}/exercise_info/exercise${n}_info.cpp)
  configure_file(${CMAKE_CURRENT_FUNCTION_LIST_DIR}/exercise_info.cpp.in ${source} @ONLY)
  add_library(vae_exercise${n}_info STATIC ${source})
  target_link_libraries(vae_exercise${n}_info PUBLIC ${harness})
endfunction()
