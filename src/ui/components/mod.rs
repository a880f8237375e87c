//! Small pieces that pages share.

pub mod backup_status;
pub mod change_labels;
pub mod edit_in_place;
pub mod field;
pub mod focus_on_navigation;
pub mod keyed;
pub mod labels;
pub mod language_switch;
pub mod list_download;
pub mod municipality_input;
pub mod notes;
pub mod open_edits;
pub mod page_head;
pub mod participant_table;
pub mod round_scope;
pub mod round_summary;
pub mod site_header;
pub mod source_list;
pub mod source_ref;
pub mod store_status;
pub mod sync_status;
pub mod undo_controls;
pub mod update_banner;
