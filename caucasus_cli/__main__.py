from .cli import run

# The guard matters: indexing workers are spawned processes, which import this module.
if __name__ == "__main__":
    run()
