"""Full-screen views: the meeting, finalize, help, and the dialogs panels edit through."""
