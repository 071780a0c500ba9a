# Installs the runtime into a scratch prefix, then builds and runs a project that uses it through
# find_package(lc): the package a user gets is complete.
set(prefix ${BINARY_DIR}/install-test/prefix)
set(build ${BINARY_DIR}/install-test/consumer)
file(REMOVE_RECURSE ${BINARY_DIR}/install-test)
foreach(step
    "${CMAKE_COMMAND};--install;${BINARY_DIR};--prefix;${prefix}"
    "${CMAKE_COMMAND};-S;${SOURCE_DIR}/consumer;-B;${build};-DCMAKE_PREFIX_PATH=${prefix};-DCMAKE_BUILD_TYPE=Release"
    "${CMAKE_COMMAND};--build;${build}"
    "${build}/hello;--full-output;--child-process")
  execute_process(COMMAND ${step} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "step failed (${rc}): ${step}\n${out}\n${err}")
  endif()
endforeach()
if(NOT out STREQUAL "{\"value\":[\"unicode\",\"hello\",[]]}\n")
  message(FATAL_ERROR "unexpected output from the consumer: '${out}'")
endif()
