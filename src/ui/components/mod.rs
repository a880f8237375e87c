//! Small pieces that pages share.

pub mod add_participant;
pub mod commitment_editor;
pub mod event_editor;
pub mod export_panel;
pub mod field;
pub mod focus_on_navigation;
pub mod import_panel;
pub mod labels;
pub mod language_switch;
pub mod ledger_editor;
pub mod list_csv;
pub mod max_load_setting;
pub mod members_editor;
pub mod membership_editor;
pub mod mentor_suggestions;
pub mod municipality_input;
pub mod notes;
pub mod pairing_row;
pub mod pilot_row;
pub mod site_header;
pub mod source_list;
pub mod source_ref;
pub mod store_status;
pub mod timeline;
pub mod undo_controls;
pub mod update_banner;
