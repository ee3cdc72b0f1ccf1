# The packages every cargo command of .ci/test and .ci/windows names: each set of -p packages unifies
# dependency features differently, and a different set would rebuild shared dependencies (minutes).
# tests/bench/bare-window is built only by the start-up benchmark.
PACKAGES=(-p luoshi -p luoshi-core -p luoshi-cli -p luoshi-tests)
# The shipped ones, which are also what the Windows build compiles and lints.
SHIPPED=(-p luoshi -p luoshi-core -p luoshi-cli)
