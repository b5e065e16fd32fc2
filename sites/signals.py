from wagtail.signals import task_submitted

from .boards import notify_board


def connect():
    task_submitted.connect(notify_board, dispatch_uid="portal_notify_board")
