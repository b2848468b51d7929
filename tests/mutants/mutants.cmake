# The other side of a tolerance: a student's typical mistake must FAIL the golden test.
#
# Each mutant is a copy of solutions/exerciseN.cpp with one piece of text replaced by a
# mistake students make. It is compiled against the same harness and run as a golden test
# that passes only if the output says FAILED (a wrong value, or a check that stops the
# program). A mistake that a tolerance lets through shows up here as a failing test.
#
# If a solution changes so that a mutant's text is no longer found, configuring stops: a
# mutant that silently mutates nothing would be a test that cannot fail.

function(vae_mutant exercise name from to)
  set(solution ${CMAKE_SOURCE_DIR}/solutions/exercise${exercise}.cpp)
  file(READ ${solution} text)
  string(FIND "${text}" "${from}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "mutant ${exercise}/${name}: solutions/exercise${exercise}.cpp no longer contains\n  ${from}\n"
                        "Update tests/mutants/list.cmake to the solution's new text.")
  endif()
  string(REPLACE "${from}" "${to}" mutated "${text}")
  set(source ${CMAKE_BINARY_DIR}/mutants/exercise${exercise}_${name}.cpp)
  # Written only when it changes, so that a reconfigure does not rebuild every mutant.
  file(CONFIGURE OUTPUT ${source} CONTENT "${mutated}" @ONLY)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${solution})

  set(target mutant${exercise}_${name})
  # Like a student's test: on failure it runs solutionN_golden_test, then says where to look.
  add_executable(${target} $<TARGET_OBJECTS:vae_golden_test_main> ${source})
  target_link_libraries(${target} PRIVATE ${VAE_HARNESS_${exercise}})
  vae_precompiled(${target})
  add_dependencies(${target} solution${exercise}_golden_test)
  # A mistake often leaves a variable unused; that is the mistake, not a warning to fix.
  target_compile_options(${target} PRIVATE -Wno-unused-parameter -Wno-unused-variable
                                           -Wno-unused-function -Wno-unused-but-set-variable)
  add_test(NAME ${target} COMMAND ${target} ${CMAKE_SOURCE_DIR}/golden/exercise${exercise}.golden)
  set_tests_properties(${target} PROPERTIES LABELS "golden;mutant"
                       PASS_REGULAR_EXPRESSION "FAILED"
                       FAIL_REGULAR_EXPRESSION "\npassed|not attempted yet"
                       SKIP_REGULAR_EXPRESSION ": skipped: ")
endfunction()

include(${CMAKE_CURRENT_LIST_DIR}/list.cmake)
