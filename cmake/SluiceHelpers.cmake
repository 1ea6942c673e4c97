# One helper per artifact. Each layer of src/sluice/ is its own static library
# whose dependencies are the layers below it, so an upward include fails to link.

# sluice_add_library(<name> DIRS <dir>... [DEPS <target>...])
function(sluice_add_library name)
  cmake_parse_arguments(ARG "" "" "DIRS;DEPS" ${ARGN})
  set(sources)
  foreach(dir ${ARG_DIRS})
    file(GLOB_RECURSE dir_sources CONFIGURE_DEPENDS
         ${PROJECT_SOURCE_DIR}/src/sluice/${dir}/*.cpp)
    list(APPEND sources ${dir_sources})
  endforeach()
  if(NOT sources)
    # A layer still being written: keep the target so dependants configure.
    set(placeholder ${CMAKE_CURRENT_BINARY_DIR}/${name}_empty.cpp)
    file(WRITE ${placeholder} "// ${name} has no sources yet\n")
    set(sources ${placeholder})
  endif()
  add_library(${name} STATIC ${sources})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/include)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
  target_compile_options(${name} PRIVATE ${SLUICE_WARNINGS})
endfunction()

# sluice_add_test(<name> DIR <tests/dir> DEPS <target>...): one GoogleTest
# binary per layer, its cases registered with CTest.
function(sluice_add_test name)
  cmake_parse_arguments(ARG "" "DIR" "DEPS" ${ARGN})
  file(GLOB_RECURSE test_sources CONFIGURE_DEPENDS
       ${PROJECT_SOURCE_DIR}/tests/${ARG_DIR}/*_test.cpp)
  if(NOT test_sources)
    return()
  endif()
  add_executable(${name} ${test_sources})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_compile_options(${name} PRIVATE ${SLUICE_WARNINGS})
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60
                       PROPERTIES ENVIRONMENT "SLUICE_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()
