from django.urls import path

from claims import feeds, views

app_name = "claims"

urlpatterns = [
    path("", views.home, name="home"),
    path("events/", views.event_list, name="event_list"),
    path("events/<slug:slug>/", views.event_detail, name="event_detail"),
    path("events/<slug:slug>/feed/", feeds.EventFeed(), name="event_feed"),
    path("feeds/corrections/", feeds.CorrectionsFeed(), name="corrections_feed"),
    path("claims/<int:pk>/", views.claim_detail, name="claim_detail"),
    path("actors/", views.actor_list, name="actor_list"),
    path("actors/<slug:slug>/", views.actor_detail, name="actor_detail"),
    path("actors/<slug:slug>/feed/", feeds.ActorFeed(), name="actor_feed"),
    path("people/", views.person_list, name="person_list"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path("sources/<int:pk>/", views.source_detail, name="source_detail"),
    path("search/", views.search, name="search"),
    path("network/", views.network, name="network"),
]
