from tests.capturing import fresh_gazetteer, local_fetching, pages  # noqa: F401  (fixtures)
