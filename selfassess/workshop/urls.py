from django.urls import path

from . import consensus_views, facilitator_views, participant_views, stream

app_name = "workshop"

_run = "assessments/<int:pk>/workshop/"
urlpatterns = [
    path(_run, facilitator_views.control, name="control"),
    path(_run + "live/", facilitator_views.control_live, name="control_live"),
    path(_run + "stream/", stream.presenter_stream, name="presenter_stream"),
    path(_run + "start/", facilitator_views.start, name="start"),
    path(_run + "end/", facilitator_views.end, name="end"),
    path(_run + "show/", facilitator_views.show, name="show"),
    path(_run + "vote/open/", facilitator_views.open_vote, name="open_vote"),
    path(_run + "vote/close/", facilitator_views.close_vote, name="close_vote"),
    path(_run + "vote/reveal/", facilitator_views.reveal_vote, name="reveal_vote"),
    path(_run + "vote/countdown/", facilitator_views.countdown, name="countdown"),
    path(_run + "vote/lock/", facilitator_views.lock_vote, name="lock_vote"),
    path(_run + "screen/count/", facilitator_views.screen_count, name="screen_count"),
    path(_run + "screen/blank/", facilitator_views.screen_blank, name="screen_blank"),
    path(_run + "screen/", facilitator_views.screen, name="screen"),
    path(_run + "screen/live/", facilitator_views.screen_live, name="screen_live"),
    path(_run + "screen/qr.svg", facilitator_views.screen_qr, name="screen_qr"),
    path("assessments/<int:pk>/consensus/", consensus_views.summary, name="summary"),
    path(
        "assessments/<int:pk>/consensus/<str:statement_id>/",
        consensus_views.record,
        name="record",
    ),
    path("workshop/", participant_views.join, name="join_code"),
    path("workshop/vote/", participant_views.vote, name="vote"),
    path("workshop/vote/live/", participant_views.vote_live, name="vote_live"),
    path("workshop/vote/stream/", stream.phone_stream, name="vote_stream"),
    path("workshop/take-part/<str:token>/", participant_views.with_link, name="with_link"),
    path("workshop/<str:code>/", participant_views.join_group, name="join"),
]
