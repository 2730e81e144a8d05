def test_template_database_is_current(services):
    assert services.couple.get() is None
    assert services.settings.get().week_start == 0
