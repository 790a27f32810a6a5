# Types for the parts of django-treebeard the project uses (it ships neither py.typed nor a stubs
# package). Enough for mypy and the django-stubs plugin to see Unit as a model: its fields, its
# manager's tree methods (treebeard 5+ moved them from the model to the manager).
