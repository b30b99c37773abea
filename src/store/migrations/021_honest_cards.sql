-- A send whose stored conversation was gone (Teams 404 "Conversation not found", e.g. the app was
-- removed and added again) opens a new conversation and sends once more: when that happened.
alter table deliveries add column conversation_reopened_at timestamptz;
