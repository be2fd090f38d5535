"""Developer tools (benchmarks, evaluation): never needed by the product at run time."""
