//! Small pieces that pages share.

pub mod add_participant;
pub mod commitment_editor;
pub mod field;
pub mod labels;
pub mod ledger_editor;
pub mod notes;
pub mod site_header;
pub mod source_list;
pub mod source_ref;
pub mod store_status;
pub mod timeline;
pub mod undo_controls;
