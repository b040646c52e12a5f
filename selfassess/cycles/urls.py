app_name = "cycles"
urlpatterns = []
