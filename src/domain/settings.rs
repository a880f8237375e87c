//! The user's settings: kept beside the dataset (not in it), so they are personal
//! and never travel in an exported file.

use serde::{Deserialize, Serialize};

use super::mentoring::DEFAULT_MAX_LOAD;

/// The languages the interface speaks.
pub const LANGUAGES: [&str; 2] = ["sv", "en"];

/// The range the mentor-load setting accepts.
pub const MAX_LOAD_RANGE: (i64, i64) = (1, 50);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Mentees per mentor above which /mentorer warns.
    pub max_mentor_load: usize,
    /// The interface language ("sv" or "en"); None: Swedish, the default.
    pub language: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            max_mentor_load: DEFAULT_MAX_LOAD,
            language: None,
        }
    }
}

impl Settings {
    /// Stored settings; whatever cannot be read falls back to the defaults, field by field.
    pub fn read(raw: Option<&str>) -> Settings {
        raw.and_then(|r| serde_json::from_str::<Settings>(r).ok())
            .map(|s| Settings {
                max_mentor_load: if (MAX_LOAD_RANGE.0..=MAX_LOAD_RANGE.1)
                    .contains(&(s.max_mentor_load as i64))
                {
                    s.max_mentor_load
                } else {
                    DEFAULT_MAX_LOAD
                },
                language: s.language.filter(|l| LANGUAGES.contains(&l.as_str())),
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_or_bad_settings_fall_back_to_the_defaults() {
        assert_eq!(Settings::read(None).max_mentor_load, 2);
        assert_eq!(Settings::read(Some("inte json")).max_mentor_load, 2);
        assert_eq!(Settings::read(Some("{}")).max_mentor_load, 2);
        assert_eq!(
            Settings::read(Some(r#"{"max_mentor_load":0}"#)).max_mentor_load,
            2
        );
        assert_eq!(
            Settings::read(Some(r#"{"max_mentor_load":3,"later":1}"#)).max_mentor_load,
            3
        );
        assert_eq!(
            Settings::read(Some(r#"{"language":"en"}"#))
                .language
                .as_deref(),
            Some("en")
        );
        assert_eq!(Settings::read(Some(r#"{"language":"fi"}"#)).language, None);
        let s = Settings {
            max_mentor_load: 4,
            language: Some("en".into()),
        };
        let text = serde_json::to_string(&s).expect("serialises");
        assert_eq!(Settings::read(Some(&text)), s);
    }
}
