# Scenario registry: scenarios/CMakeLists.txt calls lc_add_scenario(); the harness reads the
# manifest written at the end of configuration, so a listed scenario whose binary is missing fails.
function(lc_add_scenario number target kind)
  set_property(GLOBAL APPEND PROPERTY LC_SCENARIOS "${number}|${target}|${kind}")
endfunction()

function(lc_write_scenario_manifest)
  get_property(entries GLOBAL PROPERTY LC_SCENARIOS)
  set(text "# number|executable|kind (thread or process), written by CMake\n")
  foreach(e IN LISTS entries)
    string(APPEND text "${e}\n")
  endforeach()
  file(GENERATE OUTPUT "${CMAKE_BINARY_DIR}/scenarios.manifest" CONTENT "${text}")
endfunction()
